song "frank"
