"""The pure core: model, parsing, checks, Decree 30 formats, report contexts, merge arithmetic.

Standard library and `outreach_xl.schema` only: no file, no workbook library, no Word library."""
