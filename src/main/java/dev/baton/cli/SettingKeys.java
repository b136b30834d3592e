package dev.baton.cli;

import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import dev.baton.warehouse.EditDistance;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every {@code baton.*} setting a {@code @ConfigurationProperties} class of Baton binds, found by scanning, so a
 * setting added by any feature is known here without a list to keep in step. A misspelt key would otherwise bind
 * to nothing and be ignored in silence.
 */
final class SettingKeys {

    /** A setting's full key, or a key prefix under which any name is allowed (a map). */
    record Key(String name, boolean anyBelow) {
    }

    /** Settings read straight from the Environment rather than bound by a properties class. */
    private static final List<Key> READ_DIRECTLY = List.of(new Key("baton.extract.require-hash-key", false),
            new Key("baton.extract.engine", false));

    private final List<Key> keys;
    private final List<Class<?>> propertyClasses;

    private SettingKeys(List<Key> keys, List<Class<?>> propertyClasses) {
        this.keys = keys;
        this.propertyClasses = propertyClasses;
    }

    static SettingKeys scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Key> keys = new ArrayList<>(READ_DIRECTLY);
        List<Class<?>> classes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.baton")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), SettingKeys.class.getClassLoader());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
            if (prefix.equals("baton") || prefix.startsWith("baton.")) {
                classes.add(type);
                collect(prefix, type, keys);
            }
        }
        classes.sort(Comparator.comparing(Class::getName));
        return new SettingKeys(List.copyOf(keys), List.copyOf(classes));
    }

    List<Class<?>> propertyClasses() {
        return propertyClasses;
    }

    String prefixOf(Class<?> type) {
        ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
        return annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
    }

    /** Whether Spring's relaxed binding would bind this key ({@code grossMargin}, {@code gross_margin} too). */
    boolean isKnown(String key) {
        String wanted = canonical(key);
        for (Key known : keys) {
            String name = canonical(known.name());
            if (wanted.equals(name) || known.anyBelow() && wanted.startsWith(name + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The known key closest to a misspelt one (edit distance), for "did you mean". */
    Optional<String> nearest(String key) {
        String wanted = key.toLowerCase(Locale.ROOT);
        return keys.stream().map(Key::name)
                .min(Comparator.comparingInt((String known) -> EditDistance.levenshtein(wanted, known)).thenComparing(known -> known));
    }

    Collection<String> names() {
        TreeSet<String> names = new TreeSet<>();
        keys.forEach(key -> names.add(key.name() + (key.anyBelow() ? ".*" : "")));
        return names;
    }

    private static void collect(String prefix, Class<?> type, List<Key> keys) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                add(prefix + "." + kebab(component.getName()), component.getType(), keys);
            }
            return;
        }
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            if (property.getWriteMethod() != null) {
                add(prefix + "." + kebab(property.getName()), property.getPropertyType(), keys);
            }
        }
    }

    private static void add(String name, Class<?> type, List<Key> keys) {
        if (Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type) || type.isArray()) {
            keys.add(new Key(name, true));
        } else if (type.isRecord() || type.getName().startsWith("dev.baton.") && !type.isEnum() && !type.isInterface()) {
            collect(name, type, keys);
        } else {
            keys.add(new Key(name, false));
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String canonical(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
