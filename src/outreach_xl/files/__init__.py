"""Files on disk: the container guard, reading workbooks, collecting a folder, safe outputs."""
