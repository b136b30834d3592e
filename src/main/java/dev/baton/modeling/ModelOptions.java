package dev.baton.modeling;

import java.util.List;

/** The {@code with:} of a {@code kind: models} step; audits read it too, to know which models the job builds. */
record ModelOptions(List<String> layers) {

    ModelOptions {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
