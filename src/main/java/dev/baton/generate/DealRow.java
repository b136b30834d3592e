package dev.baton.generate;

/**
 * One CRM deal. {@code closedSec} is -1 while open; {@code terms} are the contract the deal sold (used for
 * the hand-off of won new-business deals).
 */
record DealRow(
        String type,
        long createdSec,
        long closedSec,
        String stage,
        boolean won,
        long amountCents,
        String name,
        int owner,
        String leadSource,
        long updatedSec,
        Terms terms) {

    static final String NEW_BUSINESS = "new_business";
    static final String EXPANSION = "expansion";
    static final String RENEWAL = "renewal";

    boolean needsHandoff() {
        return won && NEW_BUSINESS.equals(type);
    }
}
