package dev.baton.modeling;

/**
 * A test file that cannot be run as written: bad YAML, an unknown key, an input the model does not read, a column
 * the table does not have, a value that is not of the column's type. Names the file, the case and the line. An
 * IllegalArgumentException so the command line exits 2 (the project is wrong, not the model).
 */
final class ModelTestProblem extends IllegalArgumentException {

    ModelTestProblem(String file, int line, String caseName, String problem) {
        super(file + (line > 0 ? ":" + line : "") + (caseName == null ? "" : " case '" + caseName + "'") + ": " + problem);
    }
}
