#!/usr/bin/env python3
"""Turns Natural Earth's 1:110m countries into data/maps/countries.txt, which prayer-guide embeds.

Reads the shapefiles that geopandas 0.14.4 ships (`naturalearth_lowres`, Natural Earth 1:110m
admin-0 countries, and `naturalearth_cities`, its capitals) straight from the wheel, with the
standard library's zipfile and struct: no GIS package. pycountry gives the ISO 3166-1 alpha-2
code the guides use for Natural Earth's alpha-3 code.

    pip download geopandas==0.14.4 --no-deps -d /tmp/gpd
    pip install pycountry==24.6.1
    python3 tools/maps/natural_earth.py /tmp/gpd/geopandas-0.14.4-py3-none-any.whl \
        > data/maps/countries.txt

See data/maps/README.md for the format.
"""

import struct
import sys
import zipfile

import pycountry

LOWRES = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
CITIES = "geopandas/datasets/naturalearth_cities/naturalearth_cities"

# Natural Earth draws these apart from the country the world recognises, or gives them no ISO
# code: a locator map shows the whole country.
BY_NAME = {"Somaliland": "SO", "N. Cyprus": "CY", "Kosovo": "XK"}

# Countries too small for 1:110m: a dot at the capital (Natural Earth's populated places).
CAPITALS = {
    "BH": "Manama",
    "KM": "Moroni",
    "MV": "Malé",
    "SG": "Singapore",
    "MT": "Valletta",
    "MU": "Port Louis",
    "SC": "Victoria",
    "AD": "Andorra",
    "LI": "Vaduz",
    "MC": "Monaco",
    "SM": "San Marino",
    "VA": "Vatican City",
    "ST": "São Tomé",
    "CV": "Praia",
    "BB": "Bridgetown",
    "AG": "Saint John's",
    "DM": "Roseau",
    "GD": "Saint George's",
    "KN": "Basseterre",
    "LC": "Castries",
    "VC": "Kingstown",
    "TO": "Nuku'alofa",
    "WS": "Apia",
    "KI": "Tarawa",
    "MH": "Majuro",
    "FM": "Palikir",
    "PW": "Melekeok",
    "TV": "Funafuti",
}

# Coordinates are stored in hundredths of a degree: 1 km or so, finer than 1:110m itself.
SCALE = 100


def dbf_records(data, encoding):
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    at = 32
    while data[at] != 0x0D:
        name = data[at : at + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[at + 16]))
        at += 32
    for i in range(count):
        start = header_len + i * record_len + 1
        record = {}
        for name, width in fields:
            record[name] = data[start : start + width].decode(encoding).strip()
            start += width
        yield record


def shp_shapes(data):
    at = 100
    while at < len(data):
        _, words = struct.unpack(">ii", data[at : at + 8])
        body = data[at + 8 : at + 8 + words * 2]
        at += 8 + words * 2
        kind = struct.unpack("<i", body[:4])[0]
        if kind == 1:
            yield [[struct.unpack("<2d", body[4:20])]]
        elif kind == 5:
            parts, points = struct.unpack("<2i", body[36:44])
            starts = struct.unpack(f"<{parts}i", body[44 : 44 + 4 * parts])
            coords = struct.unpack(f"<{2 * points}d", body[44 + 4 * parts : 44 + 4 * parts + 16 * points])
            xy = list(zip(coords[::2], coords[1::2]))
            ends = list(starts[1:]) + [points]
            yield [xy[s:e] for s, e in zip(starts, ends)]
        else:
            raise SystemExit(f"unexpected shape type {kind}")


def read(wheel, stem):
    with zipfile.ZipFile(wheel) as z:
        # The .cpg names the encoding of the table's text (ISO-8859-1 in these files).
        encoding = z.read(stem + ".cpg").decode("ascii").strip()
        records = list(dbf_records(z.read(stem + ".dbf"), encoding))
        return records, list(shp_shapes(z.read(stem + ".shp")))


def ring_text(ring):
    out = []
    for lon, lat in ring:
        p = (round(lon * SCALE), round(lat * SCALE))
        if not out or out[-1] != p:
            out.append(p)
    # A closed ring repeats its first point; the reader closes rings itself.
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return " ".join(f"{x},{y}" for x, y in out) if len(out) >= 3 else None


def main(wheel):
    records, shapes = read(wheel, LOWRES)
    rings = {}
    for record, shape in zip(records, shapes):
        code = BY_NAME.get(record["name"])
        if code is None:
            country = pycountry.countries.get(alpha_3=record["iso_a3"])
            if country is None:
                raise SystemExit(f"no ISO code for {record['name']} ({record['iso_a3']})")
            code = country.alpha_2
        rings.setdefault(code, []).extend(t for t in map(ring_text, shape) if t)
    cities, points = read(wheel, CITIES)
    capitals = {c["name"]: p[0][0] for c, p in zip(cities, points)}
    dots = {}
    for code, name in CAPITALS.items():
        if code in rings:
            continue
        if name not in capitals:
            raise SystemExit(f"no capital called {name} for {code}")
        lon, lat = capitals[name]
        dots[code] = f"@{round(lon * SCALE)},{round(lat * SCALE)}"
    print("# Natural Earth 1:110m admin-0 countries (public domain), from geopandas 0.14.4's")
    print("# naturalearth_lowres; written by tools/maps/natural_earth.py: see README.md.")
    print("# code<TAB>rings separated by `;`, each `lon,lat lon,lat ...` in hundredths of a degree;")
    print("# or code<TAB>@lon,lat: a country too small for the scale, as its capital.")
    for code in sorted(set(rings) | set(dots)):
        print(f"{code}\t{dots[code] if code in dots else ';'.join(rings[code])}")


if __name__ == "__main__":
    main(sys.argv[1])
