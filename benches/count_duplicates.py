#!/usr/bin/env python3
"""Counts, independently of leadgate, the rows of benchmark files (gen_export.py) that are a
person already known: imported in order into one database, a row is merged when its email (in
any letter case), HubSpot Record ID or LinkedIn profile belongs to a lead an earlier row
created. Every benchmark row has all three, so a merge never adds one to its lead.

Usage: count_duplicates.py FILE... ; prints "FILE created N merged M" for each.
"""
import csv
import sys


def main():
    emails, records, profiles = set(), set(), set()
    for path in sys.argv[1:]:
        created = merged = 0
        with open(path, newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            header = next(rows)
            at = [header.index(h) for h in ("Email", "Record ID", "LinkedIn URL")]
            for row in rows:
                email, record, profile = (row[i].strip() for i in at)
                email = email.lower()
                if email in emails or record in records or profile.lower() in profiles:
                    merged += 1
                else:
                    created += 1
                    emails.add(email)
                    records.add(record)
                    profiles.add(profile.lower())
        print("%s created %d merged %d" % (path, created, merged))


if __name__ == "__main__":
    main()
