package dev.baton.report;

/** The {@code with:} of a {@code kind: report} step: {@code file}, where inside the warehouse the report is copied. */
record ReportOptions(String file) {
}
