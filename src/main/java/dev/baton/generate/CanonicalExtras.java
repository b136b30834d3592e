package dev.baton.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entities no vendor export holds stay canonical files in the landing folder itself. Hand-offs and survey
 * responses come from the CRM's world, so they carry its ids (Salesforce account and opportunity ids) and the
 * company's website domain in e-mails; spend and fx rates are copied as they are.
 */
final class CanonicalExtras {

    private CanonicalExtras() {
    }

    static Map<String, Long> write(Path out, CrmDirectory crm, Path canonical) throws IOException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (CsvSink handoffs = CsvSink.open(out, LandingFile.HANDOFFS)) {
            CanonicalCsv.forEach(canonical.resolve("handoffs.csv"), h -> {
                String[] row = h.clone();
                row[0] = SalesforceWriter.opportunityId(h[0]);
                row[1] = crm.of(h[1]).salesforceId();
                handoffs.row((Object[]) row);
            });
            rows.put(LandingFile.HANDOFFS.fileName(), handoffs.rows());
        }
        try (CsvSink surveys = CsvSink.open(out, LandingFile.SURVEY_RESPONSES)) {
            CanonicalCsv.forEach(canonical.resolve("survey_responses.csv"), s -> {
                String[] row = s.clone();
                CrmAccount account = crm.of(s[1]);
                row[1] = account.salesforceId();
                row[2] = account.vendorEmail(s[2]);
                surveys.row((Object[]) row);
            });
            rows.put(LandingFile.SURVEY_RESPONSES.fileName(), surveys.rows());
        }
        for (LandingFile file : new LandingFile[] {LandingFile.SPEND, LandingFile.FX_RATES}) {
            VendorGenerator.copy(canonical.resolve(file.fileName()), out.resolve(file.fileName()));
            long[] count = {0};
            CanonicalCsv.forEach(out.resolve(file.fileName()), row -> count[0]++);
            rows.put(file.fileName(), count[0]);
        }
        return rows;
    }
}
