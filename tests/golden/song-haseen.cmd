song "haseen"
