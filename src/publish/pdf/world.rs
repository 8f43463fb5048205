//! The smallest `typst::World` that typesets one document: its Typst source and data files live
//! in memory, fonts and the standard library come from a [`Shared`] made once per process, so
//! the second document costs only its own layout. Nothing is read from disk after the fonts,
//! and there is no clock: a document cannot depend on when it was built.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

/// The family every layout asks for first.
pub const FONT: &str = "Libertinus Serif";

/// What every document shares: the standard library and the fonts (Typst's bundled Libertinus
/// Serif for Latin, Greek and Cyrillic, then the system's fonts for other scripts).
pub struct Shared {
    library: LazyHash<Library>,
    fonts: FontStore,
    /// Every font's metadata, in the book's order, for the script check.
    infos: Vec<FontInfo>,
}

impl Shared {
    /// The process's fonts and library, loaded on first use.
    pub fn get() -> &'static Shared {
        static SHARED: OnceLock<Shared> = OnceLock::new();
        SHARED.get_or_init(Shared::load)
    }

    fn load() -> Shared {
        let mut fonts = FontStore::new();
        let mut infos = Vec::new();
        // Of Typst's bundled fonts only Libertinus Serif: the others are for mathematics and
        // code, and a monospace Arabic fallback would be worse than the system's.
        for (font, info) in typst_kit::fonts::embedded().filter(|(_, info)| info.family == FONT) {
            infos.push(info.clone());
            fonts.push((font, info));
        }
        for (path, info) in typst_kit::fonts::system() {
            infos.push(info.clone());
            fonts.push((path, info));
        }
        Shared {
            library: LazyHash::new(Library::default()),
            fonts,
            infos,
        }
    }

    /// The metadata of every font the documents can use.
    pub fn fonts(&self) -> &[FontInfo] {
        &self.infos
    }
}

/// One document: `main.typ` plus data files (`data.json`, QR codes as SVG).
pub struct Document {
    shared: &'static Shared,
    main: FileId,
    source: Source,
    files: HashMap<FileId, Bytes>,
}

/// The id of `path` in the document's project root.
fn id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the program's own file names are valid paths");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl Document {
    /// A document whose main file is `source`, with `files` beside it (name, content).
    pub fn new(source: &str, files: Vec<(String, Vec<u8>)>) -> Document {
        let main = id("/main.typ");
        Document {
            shared: Shared::get(),
            main,
            source: Source::new(main, source.to_string()),
            files: files
                .into_iter()
                .map(|(name, bytes)| (id(&format!("/{name}")), Bytes::new(bytes)))
                .collect(),
        }
    }

    /// Replaces (or adds) one data file, keeping the rest: the fitting loop changes only the
    /// size and what is left out, and Typst's cache keeps everything else.
    pub fn set_file(&mut self, name: &str, bytes: Vec<u8>) {
        self.files
            .insert(id(&format!("/{name}")), Bytes::new(bytes));
    }
}

impl World for Document {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.shared.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.source.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main {
            return Ok(Bytes::from_string(self.source.clone()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.get().vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // No clock: the same inputs always make the same document.
        None
    }
}
