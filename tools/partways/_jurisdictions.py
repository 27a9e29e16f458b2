"""The legal systems the engine knows rules for; ``other`` means no statutory rule is applied."""

JURISDICTIONS = ("ru", "pl", "other")
