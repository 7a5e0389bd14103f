#!/usr/bin/env python3
"""Writes the NPY/NPZ fixtures read by org.latentatlas.geometry.io tests.

Run from anywhere:  python3 make_fixtures.py   (writes next to this script; NumPy >= 1.17).
Every value is a simple formula the Java tests recompute, so the files stay tiny (< 2 kB).
Malformed files (bad magic, truncation, wrong sizes) are made in the tests themselves by
editing the bytes of valid ones; only dtypes we refuse need NumPy to produce them.
"""
import io
import os
import zipfile

import numpy as np
from numpy.lib import format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def arange(shape, dtype, scale=1.0, offset=0.0):
    n = int(np.prod(shape))
    return (np.arange(n) * scale + offset).astype(dtype).reshape(shape)


# ---- one file per dtype, little-endian, C order: value[i] (flat C index i) as noted
np.save(path("f8_3x4.npy"), arange((3, 4), "<f8", 0.25, -1.0))  # 0.25 i - 1
np.save(path("f4_2x3.npy"), arange((2, 3), "<f4", 0.5, -1.0))  # 0.5 i - 1
np.save(path("i8_5.npy"), np.array([0, -1, 2**40, -(2**62), 2**63 - 1], dtype="<i8"))
np.save(path("i4_2x2x2.npy"), arange((2, 2, 2), "<i4", -3.0, 7.0))  # 7 - 3 i
np.save(path("i1_4.npy"), np.array([-128, -1, 0, 127], dtype="|i1"))
np.save(path("u1_4.npy"), np.array([0, 1, 200, 255], dtype="|u1"))
np.save(path("b1_5.npy"), np.array([True, False, False, True, True]))
np.save(path("f8_scalar.npy"), np.float64(3.5))  # shape ()
np.save(path("f8_empty.npy"), np.zeros((0,), dtype="<f8"))  # shape (0,)
np.save(path("i8_0x3.npy"), np.zeros((0, 3), dtype="<i8"))  # shape (0, 3)

# ---- big-endian
np.save(path("f8_2x3_be.npy"), arange((2, 3), ">f8", 0.25, -1.0))
np.save(path("f4_3_be.npy"), np.array([1.5, -2.25, 3e38], dtype=">f4"))
np.save(path("i8_3_be.npy"), np.array([1, -2, 2**40 + 3], dtype=">i8"))
np.save(path("i4_2x2_be.npy"), np.array([[1, -2], [70000, -70000]], dtype=">i4"))

# ---- Fortran order: the logical array is the C-order formula; the file stores columns first
np.save(path("f8_3x4_fortran.npy"), np.asfortranarray(arange((3, 4), "<f8", 0.25, -1.0)))
np.save(path("i4_2x3x4_fortran.npy"), np.asfortranarray(arange((2, 3, 4), "<i4")))  # i
np.save(path("b1_2x3_fortran.npy"),
        np.asfortranarray(np.array([[True, False, False], [True, True, False]])))
np.save(path("f4_2x3_fortran_be.npy"), np.asfortranarray(arange((2, 3), ">f4", 0.5, -1.0)))

# ---- header versions 2.0 and 3.0 (4-byte header length)
for version in [(2, 0), (3, 0)]:
    with open(path("f8_3x4_v%d.npy" % version[0]), "wb") as f:
        npformat.write_array(f, arange((3, 4), "<f8", 0.25, -1.0), version=version)

# ---- dtypes we refuse
np.save(path("c16_2.npy"), np.array([1 + 2j, 3 - 4j], dtype="<c16"))
np.save(path("u5_2.npy"), np.array(["ab", "cdefg"], dtype="<U5"))
np.save(path("object_2.npy"), np.array([1, "a"], dtype=object), allow_pickle=True)
np.save(path("structured_2.npy"), np.zeros(2, dtype=[("a", "<f8"), ("b", "<i4")]))

# ---- archives: stored (np.savez) and deflated (np.savez_compressed), in this key order
arrays = dict(
    weights=arange((3, 4), "<f8", 0.25, -1.0),
    labels=np.array([2, 0, 1, -1], dtype="<i8"),
    mask=np.array([True, False, True]),
)
np.savez(path("stored.npz"), **arrays)
np.savez_compressed(path("compressed.npz"), **arrays)

# an archive whose entry is not an NPY array
with zipfile.ZipFile(path("bad_entry.npz"), "w") as z:
    z.writestr("good.npy", (lambda b: (np.save(b, np.arange(3.0)), b.getvalue())[1])(io.BytesIO()))
    z.writestr("bad.npy", b"this is not an npy file")

for name in sorted(os.listdir(HERE)):
    size = os.path.getsize(path(name))
    assert name.endswith(".py") or size < 2048, (name, size)
