package dev.baton.extract;

import java.util.List;

import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@link KeyedHash} in Spark SQL: the same HMAC-SHA256 of the trimmed, lower-cased value, as lower-case hex. As on
 * DuckDB the pads are data, a one-row temp view of the session, never SQL text that a plan, a log or the Spark UI
 * would show.
 */
final class SparkKeyedHash {

    private static final String PADS = "baton_hmac_pads";

    private SparkKeyedHash() {
    }

    static void install(SparkSession spark, KeyedHash keyedHash) {
        spark.createDataFrame(List.of(RowFactory.create(keyedHash.innerPad(), keyedHash.outerPad())),
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("inner_pad", DataTypes.BinaryType, false),
                        DataTypes.createStructField("outer_pad", DataTypes.BinaryType, false))))
                .createOrReplaceTempView(PADS);
    }

    /** Spark SQL for the hex HMAC of a text expression; null stays null. Needs {@link #install} first. */
    static String sql(String textExpression) {
        return "sha2(concat((select outer_pad from " + PADS + "), unhex(sha2(concat((select inner_pad from " + PADS
                + "), encode(lower(trim(" + textExpression + ")), 'UTF-8')), 256))), 256)";
    }
}
