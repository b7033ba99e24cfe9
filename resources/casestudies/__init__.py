"""Case studies: an area's story for funders and system leaders, drawn from its data."""
