package dev.baton.generate;

/** One survey response: {@code survey} is nps (0-10) or ces (1-7). */
record SurveyRow(String survey, int score, long respondedSec, String respondentEmail) {
}
