//! The app's icons, drawn here so that every build writes the same bytes: a white cross on the
//! site's accent colour. Browsers ask for 192 and 512 pixels; the maskable one keeps the cross
//! inside the middle 60 %, the zone a launcher's mask (circle, squircle) never cuts.

use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

/// The site's accent (`--accent` in `site.html`), also the manifest's theme colour.
pub const ACCENT: (u8, u8, u8) = (0x7a, 0x2e, 0x2e);

/// An icon's file and what the manifest says of it.
pub struct Icon {
    pub path: &'static str,
    pub size: u32,
    pub maskable: bool,
}

/// Every icon a public site carries.
pub const ICONS: [Icon; 3] = [
    Icon {
        path: "icons/icon-192.png",
        size: 192,
        maskable: false,
    },
    Icon {
        path: "icons/icon-512.png",
        size: 512,
        maskable: false,
    },
    Icon {
        path: "icons/maskable-512.png",
        size: 512,
        maskable: true,
    },
];

/// The PNG bytes of `icon`.
pub fn png(icon: &Icon) -> Result<Vec<u8>, String> {
    let size = icon.size as f32;
    let mut pixmap = Pixmap::new(icon.size, icon.size)
        .ok_or_else(|| format!("cannot make a {0}×{0} icon", icon.size))?;
    let mut paint = Paint {
        anti_alias: true,
        ..Paint::default()
    };
    paint.set_color(Color::from_rgba8(ACCENT.0, ACCENT.1, ACCENT.2, 255));
    if icon.maskable {
        // Full bleed: the launcher cuts its own shape out of it.
        pixmap.fill(Color::from_rgba8(ACCENT.0, ACCENT.1, ACCENT.2, 255));
    } else {
        let path = rounded_square(size, size * 0.18).ok_or("cannot draw the icon's square")?;
        pixmap.fill_path(
            &path,
            &paint,
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
    // The cross, in a unit square, scaled into the icon (smaller in the maskable one).
    let scale = if icon.maskable { 0.6 } else { 0.78 };
    let inset = size * (1.0 - scale) / 2.0;
    let unit = size * scale;
    let bar = |x: f32, y: f32, w: f32, h: f32| {
        Rect::from_xywh(inset + x * unit, inset + y * unit, w * unit, h * unit)
    };
    let mut cross = PathBuilder::new();
    for rect in [bar(0.43, 0.08, 0.14, 0.84), bar(0.2, 0.28, 0.6, 0.14)] {
        cross.push_rect(rect.ok_or("cannot draw the icon's cross")?);
    }
    let cross = cross.finish().ok_or("cannot draw the icon's cross")?;
    paint.set_color(Color::WHITE);
    pixmap.fill_path(
        &cross,
        &paint,
        FillRule::Winding,
        Transform::identity(),
        None,
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode an icon: {e}"))
}

/// A square of side `side` with corners of radius `r`.
fn rounded_square(side: f32, r: f32) -> Option<tiny_skia::Path> {
    // The control points of a quarter circle drawn with one cubic curve.
    let k = r * 0.552_284_8;
    let mut p = PathBuilder::new();
    p.move_to(r, 0.0);
    p.line_to(side - r, 0.0);
    p.cubic_to(side - r + k, 0.0, side, r - k, side, r);
    p.line_to(side, side - r);
    p.cubic_to(side, side - r + k, side - r + k, side, side - r, side);
    p.line_to(r, side);
    p.cubic_to(r - k, side, 0.0, side - r + k, 0.0, side - r);
    p.line_to(0.0, r);
    p.cubic_to(0.0, r - k, r - k, 0.0, r, 0.0);
    p.close();
    p.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_are_pngs_of_their_size_and_the_same_on_every_build() {
        for icon in &ICONS {
            let bytes = png(icon).unwrap();
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
            // The IHDR chunk: width and height, big-endian, right after its length and name.
            assert_eq!(&bytes[16..20], &icon.size.to_be_bytes());
            assert_eq!(&bytes[20..24], &icon.size.to_be_bytes());
            assert_eq!(bytes, png(icon).unwrap());
        }
    }

    #[test]
    fn the_maskable_icon_bleeds_to_its_corners_and_the_other_does_not() {
        let corner_alpha = |icon: &Icon| {
            let pixmap = Pixmap::decode_png(&png(icon).unwrap()).unwrap();
            pixmap.pixel(0, 0).unwrap().alpha()
        };
        assert_eq!(corner_alpha(&ICONS[2]), 255);
        assert_eq!(corner_alpha(&ICONS[1]), 0);
    }
}
