/** The command line: one picocli command class per command. */
module dev.ocisc.cli {
    requires dev.ocisc.verify;
    requires info.picocli;
    requires me.tongfei.progressbar;

    // picocli reads the commands' annotated fields reflectively
    opens dev.ocisc.cli to info.picocli;
}
