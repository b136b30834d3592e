package dev.baton.extract;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code with.sources}: one night's extraction from several sources, each delivery going through {@link Extraction}
 * like a single source's.
 */
final class SeveralSources {

    private final LandingFileExtract files;
    private final Extraction extraction;

    SeveralSources(LandingFileExtract files, Extraction extraction) {
        this.files = files;
        this.extraction = extraction;
    }

    /**
     * Each mapping reads its own folder under the landing folder, a JDBC source its database, canonical entities the
     * landing folder itself. Canonical fx rates and accounts load first, then the sources in the job's order (each
     * loads its accounts before the rest), then the other canonical entities, so every row is checked against the
     * accounts and currencies of all sources that came before it.
     */
    List<DeliveryLoader.Delivery> load(List<NightSource> sources, List<String> entities, Path landing,
            Function<String, String> environment) throws SQLException {
        requireDistinctFileNames(sources.stream().filter(MappedFolder.class::isInstance).map(MappedFolder.class::cast).toList());
        List<String> allUnclaimed = new ArrayList<>(LandingFileExtract.unclaimed(entities, landing));
        LandingFileExtract.warnUnclaimed(landing, allUnclaimed);
        // canonical entities other rows are checked against (the landing contract's referenced ones) load first
        EntityReferences references = EntityReferences.contract();
        List<String> first = references.loadOrder(entities).stream().filter(references::referenced).toList();
        List<DeliveryLoader.Delivery> deliveries = new ArrayList<>(files.load(first, landing));
        for (NightSource source : sources) {
            if (source instanceof NightSource.Database database) {
                deliveries.addAll(extraction.jdbc(database.source(), environment));
            } else if (source instanceof MappedFolder files) {
                deliveries.addAll(extraction.mapping(files.mapping(), files.resolve(landing)));
                extraction.unclaimed().forEach(name -> allUnclaimed.add(files.folder() + "/" + name));
            }
        }
        deliveries.addAll(files.load(entities.stream().filter(entity -> !first.contains(entity)).toList(), landing));
        extraction.unclaimed(allUnclaimed);
        return deliveries;
    }

    /**
     * Reconciliation, ledger and quarantine know a delivery by entity and file name: two mappings delivering one entity
     * from files of the same name would overwrite each other's counts, so such a job is refused.
     */
    private static void requireDistinctFileNames(List<MappedFolder> sources) {
        Map<String, MappedFolder> seen = new HashMap<>();
        for (MappedFolder source : sources) {
            for (SourceMapping.EntityMapping delivery : source.mapping().deliveries().values()) {
                String file = source.mapping().fileOf(delivery.from());
                MappedFolder before = seen.putIfAbsent(delivery.entity() + " " + file, source);
                if (before != null && before != source) {
                    throw new IllegalStateException("Source mappings " + before.mapping().name() + " (" + before.folder()
                            + ") and " + source.mapping().name() + " (" + source.folder() + ") both deliver "
                            + delivery.entity() + " from a file named " + file + "; one night can read only one of them");
                }
            }
        }
    }
}
