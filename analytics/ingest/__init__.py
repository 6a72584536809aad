"""Files to checked rows: parse any supported layout (parser), match regions and measures
(matching), check against the pandera contract and domain rules (schemas, validate), and the one
path to the store (loading: parse -> match -> validate -> plan -> load)."""
