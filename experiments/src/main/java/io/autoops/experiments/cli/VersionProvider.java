package io.autoops.experiments.cli;

import picocli.CommandLine;

/** Version from the jar manifest, git revision from the launcher ({@code -Dautoops.git.revision}). */
final class VersionProvider implements CommandLine.IVersionProvider {

    static String version() {
        String v = AutoOps.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static String revision() {
        return System.getProperty("autoops.git.revision", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"autoops " + version() + " (git " + revision() + ")"};
    }
}
