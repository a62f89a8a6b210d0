regions
