"""Test helper: opens a workbook in LibreOffice headless and prints, as JSON, each sheet's charts (shapes)
with the rows where its printed pages start, so a test can tell a chart cut by a page break.

Usage: python3 chartPages.py IN.xlsx
Prints [{"sheet", "name", "top", "bottom", "breaks": [y, ...]}], lengths in 1/100 mm from the sheet's top,
`breaks` the tops of the rows each page after the first starts at (LibreOffice's own pagination).
Needs python3-uno (Debian), i.e. the system python that LibreOffice's pyuno is built for.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from libreofficeEdit import connect, prop  # noqa: E402

import subprocess  # noqa: E402
import tempfile  # noqa: E402

import uno  # noqa: E402


def main(src):
    profile = tempfile.mkdtemp(prefix="lo-uno-profile-")
    pipe = "mtfs_uno_pages_%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--invisible", "--norestore",
         "--nologo", "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = []
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                           (prop("Hidden", True),))
        # Paginated as printing does (scaled to the pages across): the breaks a PDF export lays out.
        pdf = os.path.join(profile, "out.pdf")
        doc.storeToURL(uno.systemPathToFileUrl(pdf), (prop("FilterName", "calc_pdf_Export"),))
        for sheet in [doc.Sheets.getByIndex(i) for i in range(doc.Sheets.Count)]:
            page = sheet.DrawPage
            if page.Count == 0:
                continue
            # Pagination (automatic and manual breaks) as printing lays the sheet out.
            # Only those down to the last used row: the empty rows below it paginate on to the sheet's end.
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            last = cursor.RangeAddress.EndRow
            breaks = [b.Position for b in sheet.getRowPageBreaks() if 0 < b.Position <= last + 1]
            tops = [sheet.getCellByPosition(0, r).Position.Y for r in breaks]
            for k in range(page.Count):
                shape = page.getByIndex(k)
                out.append({"sheet": sheet.Name, "name": shape.Name, "top": shape.Position.Y,
                            "bottom": shape.Position.Y + shape.Size.Height, "breaks": tops})
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge drops as soffice exits
    finally:
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
