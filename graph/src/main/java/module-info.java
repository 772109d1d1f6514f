/**
 * The graph a Nix build declares, its store, and the JSON and report text every module reads and writes with; why
 * a command failed.
 */
module dev.ocisc.graph {
    requires transitive com.fasterxml.jackson.databind;
    requires java.sql;
    requires org.xerial.sqlitejdbc;

    exports dev.ocisc.failure;
    exports dev.ocisc.graph;
    exports dev.ocisc.graph.report;
    exports dev.ocisc.html;
    exports dev.ocisc.json;
    exports dev.ocisc.nix;
    exports dev.ocisc.progress;
    exports dev.ocisc.text;
}
