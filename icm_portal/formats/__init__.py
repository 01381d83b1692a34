"""The portal's date formats per language (FORMAT_MODULE_PATH): one for dates, one for dates with a time."""
