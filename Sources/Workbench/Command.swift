/// Everything a key can ask the workbench to do. Key tables map keys to commands
/// (see `KeyBindings`); the reducer and the screens carry them out.
public enum Command: Hashable, Sendable {
    // Moving in the transcript
    case lineDown, lineUp, charLeft, charRight, wordForward, wordBackward
    case sentenceForward, sentenceBackward, turnForward, turnBackward
    case pageDown, pageUp, documentStart, documentEnd
    case nextCoded, previousCoded, nextUncodedTurn
    case search, searchNext, searchPrevious
    // Selecting
    case startSelection, selectTurn, selectSentence, selectParagraph, cancel, playTurn
    // Coding
    case applyHotkey(String)
    case openPicker, repeatLastCode, removeCoding, undo, redo
    case editMemo
    case startWordEarlier, startWordLater, endWordEarlier, endWordLater
    // Panes and screens
    case toggleDocuments, toggleOthers, toggleLineNumbers
    case help, retrieve, commandLine, quit
    /// Opens a screen of `ScreenCatalogue.places` (by its type's name).
    case open(String)
    // The codebook screen
    case addCode, addChildCode, renameCode, cutCode, pasteCode, pasteTopLevel, markCode, mergeCodes, deleteCode
    case nextColour, setHotkey, toggleCodable, editDefinition, recode
    // Queries
    case complete, writeConsensus
    // Project-wide search and the memo browser
    case editPattern, cycleUnit, codeHits, cycleKind, cycleCoder
    // Settling disagreements
    case acceptA, acceptB, acceptUnion, acceptIntersection, acceptNeither, editConsensus, nextItem, previousItem,
        rationale
    // Lists and tables
    case listDown, listUp, listPageDown, listPageUp, listStart, listEnd, choose
    case columnLeft, columnRight
    case toggleCoverage, cycleCaseFilter, toggleTurnUnit
    // Passages in full
    case widenContext, narrowContext
    // Text fields
    case submit, confirm
    case editClear, editDeleteWord, editHome, editEnd, editLeft, editRight, editUp, editDown
    case editBackspace, editDelete, editNewline
}
