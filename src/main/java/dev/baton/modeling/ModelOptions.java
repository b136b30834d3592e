package dev.baton.modeling;

import java.util.List;
import java.util.Map;

/**
 * The {@code with:} of a {@code kind: models} step; audits read it too, to know which models the job builds.
 *
 * @param layers       the model layers to build, in order
 * @param productLines {@code product_lines:} plan name to the product line it belongs to (a plan not listed is its
 *                     own line); written as {@code plan_product_line} before the models, for upsell versus cross-sell
 */
record ModelOptions(List<String> layers, Map<String, String> productLines) {

    ModelOptions {
        layers = layers == null ? List.of() : List.copyOf(layers);
        productLines = productLines == null ? Map.of() : Map.copyOf(productLines);
    }
}
