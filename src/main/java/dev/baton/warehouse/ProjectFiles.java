package dev.baton.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The project's definitions (jobs/, schedules/, sql/): from a folder when one is configured, otherwise the
 * copies packed into the jar, so the jar runs from anywhere and a checkout can be edited without a rebuild.
 */
public final class ProjectFiles {

    /** A definition file with its path relative to the project root, e.g. {@code sql/core/dim_month.sql}. */
    public record ProjectFile(String path, String text) {

        public String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        public String folder() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? "" : path.substring(0, slash);
        }
    }

    private final String base;
    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    public ProjectFiles(Path projectDir) {
        this.base = projectDir == null ? "classpath*:" : "file:" + projectDir.toAbsolutePath().normalize() + "/";
    }

    /** Files under a top-level folder, e.g. {@code find("sql", ".sql")}, sorted by path. */
    public List<ProjectFile> find(String folder, String extension) {
        try {
            Resource[] resources = resolver.getResources(base + folder + "/**/*" + extension);
            // One definition per path: a class loader may list the same jar twice (spark-submit's does), and
            // classpath*: would then read every file twice.
            Map<String, ProjectFile> byPath = new TreeMap<>();
            for (Resource resource : resources) {
                String path = relativePath(resource, folder);
                byPath.computeIfAbsent(path, ignored -> new ProjectFile(path, read(resource)));
            }
            return List.copyOf(byPath.values());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + "/ in " + describe(), e);
        }
    }

    public String describe() {
        return base.equals("classpath*:") ? "the definitions packed in the jar" : base.substring("file:".length());
    }

    private static String relativePath(Resource resource, String folder) {
        try {
            String url = resource.getURL().toString();
            int start = url.lastIndexOf("/" + folder + "/");
            return url.substring(start + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Resource resource) {
        try (var in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
