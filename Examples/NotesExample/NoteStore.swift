import Foundation

/// The notes, in memory (a real server would use a database).
public actor NoteStore {
    private(set) var notes: [Note] = []

    /// An empty store.
    public init() {}

    func add(_ note: Note) -> Note {
        notes.append(note)
        return note
    }

    func search(_ words: String, priority: Priority?) -> [Note] {
        notes.filter { note in
            (words.isEmpty || note.title.localizedCaseInsensitiveContains(words) || note.body.localizedCaseInsensitiveContains(words))
                && (priority == nil || note.priority == priority)
        }
    }

    func removeAll() -> Int {
        defer { notes.removeAll() }
        return notes.count
    }
}
