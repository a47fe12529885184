"""Framework catalogs (catalogs/) and control -> check mappings (<framework>.yaml), shipped as package data."""
