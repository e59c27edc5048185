"""outreach-xl: school and district reports on foreign information work, from Excel to Word."""

__version__ = "0.1.0"
