"""Structure edits a user makes in a spreadsheet, applied by LibreOffice through its UNO API so defined
names, formulas and merges move exactly as Calc moves them (ExcelJS's spliceRows moves none of them).

Usage (the system python, which has the uno module):
  /usr/bin/python3 structureEdit.py --connect PIPE_NAME IN.xlsx OUT.xlsx EDITS_JSON

EDITS_JSON is a list of {"sheet": "Programme", "op": "insertRows"|"deleteRows"|"insertColumns"|
"deleteColumns", "at": 1-based row or column, "count": n} or {"sheet": ..., "op": "renameSheet", "name": new},
applied in order, or {"op": "recalculate"}
(every formula recalculated, as on opening with "recalculate always"). --connect names the pipe of a
running `soffice --accept="pipe,name=PIPE_NAME;urp;"`; the process is reused across calls.
"""
import json
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, wait_seconds=60):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + wait_seconds
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.25)


def apply(doc, edit):
    if edit["op"] == "recalculate":
        doc.calculateAll()
        return
    sheet = doc.Sheets.getByName(edit["sheet"])
    op = edit["op"]
    if op == "renameSheet":
        sheet.setName(edit["name"])
        return
    at = int(edit["at"]) - 1
    count = int(edit.get("count", 1))
    if op == "insertRows":
        sheet.Rows.insertByIndex(at, count)
    elif op == "deleteRows":
        sheet.Rows.removeByIndex(at, count)
    elif op == "insertColumns":
        sheet.Columns.insertByIndex(at, count)
    elif op == "deleteColumns":
        sheet.Columns.removeByIndex(at, count)
    else:
        raise ValueError(f"unknown op {op}")


def main(argv):
    if len(argv) != 6 or argv[1] != "--connect":
        print(__doc__, file=sys.stderr)
        return 2
    pipe, src, dst, edits_json = argv[2], argv[3], argv[4], argv[5]
    edits = json.loads(edits_json)
    desktop = connect(pipe)
    url = uno.systemPathToFileUrl(os.path.abspath(src))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    try:
        for edit in edits:
            apply(doc, edit)
        out = uno.systemPathToFileUrl(os.path.abspath(dst))
        doc.storeToURL(out, (prop("FilterName", "Calc MS Excel 2007 XML"),))
    finally:
        doc.close(True)
    return 0


if __name__ == "__main__":
    code = main(sys.argv)
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter teardown: pyuno can crash while tearing down its bridge, after the work is done.
    os._exit(code)
