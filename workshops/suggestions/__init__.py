"""New actions that people in a partnership suggest, for its facilitators to decide on."""
