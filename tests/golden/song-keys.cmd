song "winter edgar frankenstein" --keys
