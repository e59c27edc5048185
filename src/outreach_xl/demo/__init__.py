"""The bundled sample and demo district that `outreach-xl demo` runs end to end."""
