package dev.baton.generate;

import java.time.LocalDate;

/** One subscription row: a period of constant terms; {@code end} is exclusive and null while open. */
record SubRow(LocalDate start, LocalDate end, String status, Terms terms, long updatedSec) {
}
