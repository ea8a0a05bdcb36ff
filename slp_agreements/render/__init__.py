"""Stage 5, render: the document model into files. The only stage that imports docxtpl and python-docx (lazily).

Word files (contract, checklist, profiles, change report), PDF through LibreOffice, the DCAT-AP.de catalogue.
"""
