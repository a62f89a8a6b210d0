song "monster mash"
