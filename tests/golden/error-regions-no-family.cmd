regions haseen
