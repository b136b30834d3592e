package dev.baton.publish;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code baton.publish.*}.
 *
 * @param keepVersions published versions kept under {@code <warehouse>/versions/} for rollback (at least 1)
 */
@ConfigurationProperties("baton.publish")
record PublishProperties(@DefaultValue("3") int keepVersions) {

    PublishProperties {
        if (keepVersions < 1) {
            throw new IllegalArgumentException("baton.publish.keep-versions must be at least 1, got " + keepVersions);
        }
    }
}
