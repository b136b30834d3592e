package dev.baton.extract;

/** A delivery without a required column cannot be loaded at all: the run fails fast and names the column. */
class MissingColumnException extends IllegalStateException {

    MissingColumnException(String message) {
        super(message);
    }
}
