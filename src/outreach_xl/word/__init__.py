"""Word documents: the Decree 30 layout kit, the report templates, rendering and PDF."""
