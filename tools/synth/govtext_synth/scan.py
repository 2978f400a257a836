#!/usr/bin/env python3
"""Scans of PDFs: pages rendered to images and degraded the way a scanner and a JPEG encoder degrade them.

``scan(pdf_bytes, dpi=200, seed=0, ...)`` renders every page with pypdfium2 at ``dpi``,
turns it by a small angle (``rotate``: the largest, in degrees; each page draws its own),
blurs it lightly, adds grey noise, optionally binarises it, and stores each page as a
JPEG of ``quality`` — then returns an image-only PDF (no text layer), or with
``fmt="png"``/``"jpeg"`` the first page's image file.  Deterministic for a seed.

    python -m govtext_synth.scan report.pdf --dpi 150 --out scan.pdf [--rotate 1.5] [--binarise]
        [--page 5 --crop 40,460,560,700 --fmt jpeg]
"""

from __future__ import annotations

import argparse
import io
import random
from pathlib import Path


def page_images(
    pdf: bytes,
    dpi: int = 200,
    seed: int = 0,
    rotate: float = 1.5,
    blur: float = 0.6,
    noise: float = 6.0,
    binarise: bool = False,
    pages: list[int] | None = None,
    crop: tuple[float, float, float, float] | None = None,
):
    """The degraded page images (PIL, mode L) of ``pdf``."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = random.Random(f"govtext-scan:{seed}")
    doc = pdfium.PdfDocument(pdf)
    out = []
    try:
        for i in range(len(doc)):
            if pages is not None and i not in pages:
                continue
            img = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if crop is not None:  # x0, top, x1, bottom in points
                img = img.crop(tuple(round(v * dpi / 72) for v in crop))
            angle = rng.uniform(-rotate, rotate)
            img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
            if blur:
                img = img.filter(ImageFilter.GaussianBlur(blur * dpi / 200))
            arr = np.asarray(img).astype(np.float32)
            if noise:
                nrng = np.random.default_rng(rng.randrange(1 << 30))
                arr = arr + nrng.normal(0, noise, arr.shape)
            arr = np.clip(arr * 0.92 + 12, 0, 255)  # paper is never quite white, ink never quite black
            if binarise:
                arr = np.where(arr < 150, 0, 255)
            out.append(Image.fromarray(arr.astype(np.uint8), "L"))
    finally:
        doc.close()
    return out


def scan(pdf: bytes, dpi: int = 200, seed: int = 0, quality: int = 70, fmt: str = "pdf", **kw) -> bytes:
    """An image-only PDF (or, with ``fmt`` ``png``/``jpeg``, the first page as an image file) scanned from ``pdf``."""
    from PIL import Image

    images = page_images(pdf, dpi, seed, **kw)
    buf = io.BytesIO()
    if fmt == "png":
        images[0].save(buf, "PNG", dpi=(dpi, dpi), optimize=True)
        return buf.getvalue()
    if fmt == "jpeg":
        images[0].save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
        return buf.getvalue()
    jpegs = []
    for img in images:
        b = io.BytesIO()
        img.save(b, "JPEG", quality=quality, dpi=(dpi, dpi))
        jpegs.append(Image.open(io.BytesIO(b.getvalue())))
    jpegs[0].save(buf, "PDF", save_all=True, append_images=jpegs[1:], resolution=float(dpi))
    return buf.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rotate", type=float, default=1.5)
    ap.add_argument("--quality", type=int, default=70)
    ap.add_argument("--binarise", action="store_true")
    ap.add_argument("--page", type=int, help="only this page (1-based)")
    ap.add_argument("--crop", help="x0,top,x1,bottom in points: only this part of the page")
    ap.add_argument("--fmt", default="pdf", choices=("pdf", "png", "jpeg"))
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    crop = tuple(float(v) for v in a.crop.split(",")) if a.crop else None
    pages = [a.page - 1] if a.page else None
    data = scan(
        Path(a.pdf).read_bytes(),
        a.dpi,
        a.seed,
        a.quality,
        a.fmt,
        rotate=a.rotate,
        binarise=a.binarise,
        pages=pages,
        crop=crop,
    )
    Path(a.out).write_bytes(data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
