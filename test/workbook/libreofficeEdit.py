"""Test helper: opens a workbook in LibreOffice headless, makes the edits a user would make, saves it as .xlsx.

Usage: python3 libreofficeEdit.py IN.xlsx OUT.xlsx EDITS.json
EDITS is a list of {"sheet", "address"} with one or more of:
  "typed": text entered as a user types it (LibreOffice recognises dates, 8%, numbers, as on screen),
  "text":  text kept as text (a figure pasted as text, an apostrophe-prefixed entry),
  "note":  a comment (note) added to the cell,
  "insertRows": that many empty rows inserted before the address's row (first, as Sheet > Insert Rows).
Needs python3-uno (Debian), i.e. the system python that LibreOffice's pyuno is built for.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(480):
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            time.sleep(0.25)
    raise SystemExit("could not connect to soffice")


def main(src, dst, edits_file):
    with open(edits_file) as f:
        edits = json.load(f)
    profile = tempfile.mkdtemp(prefix="lo-uno-profile-")
    pipe = "mtfs_uno_%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--invisible", "--norestore",
         "--nologo", "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(os.path.abspath(src))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        for e in edits:
            sheet = doc.Sheets.getByName(e["sheet"])
            cell = sheet.getCellRangeByName(e["address"])
            if "insertRows" in e:
                sheet.Rows.insertByIndex(cell.CellAddress.Row, e["insertRows"])
                cell = sheet.getCellRangeByName(e["address"])
            if "typed" in e:
                cell.setFormula(e["typed"])
            if "text" in e:
                cell.setString(e["text"])
            if "note" in e:
                sheet.Annotations.insertNew(cell.CellAddress, e["note"])
        out = uno.systemPathToFileUrl(os.path.abspath(dst))
        doc.storeToURL(out, (prop("FilterName", "Calc MS Excel 2007 XML"),))
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


if __name__ == "__main__":
    main(*sys.argv[1:4])
