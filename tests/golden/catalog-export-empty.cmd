catalog export
