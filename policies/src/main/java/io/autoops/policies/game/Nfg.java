package io.autoops.policies.game;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gambit's {@code .nfg} format (the "payoff version"): {@code NFG 1 R "title" { "P1" "P2" } { 2 2 }}
 * (or strategy names per player, {@code { { "C" "D" } { "C" "D" } }}), an optional comment string,
 * then every player's payoff for each profile, player 1's strategy varying fastest. Errors name the
 * line.
 */
public final class Nfg {

    private Nfg() {
    }

    public static NormalFormGame read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private record Token(String text, boolean quoted, int line) {
    }

    public static NormalFormGame parse(String source, String text) {
        List<Token> t = tokens(source, text);
        int[] pos = {0};
        expect(source, t, pos, "NFG");
        Token version = next(source, t, pos, "the version 1");
        if (!version.text().equals("1")) {
            throw error(source, version, "unsupported NFG version '" + version.text() + "' (only 1)");
        }
        Token kind = next(source, t, pos, "R or D");
        if (!kind.text().equals("R") && !kind.text().equals("D")) {
            throw error(source, kind, "expected R or D after the version, got '" + kind.text() + "'");
        }
        String title = next(source, t, pos, "the title").text();
        expect(source, t, pos, "{");
        List<String> players = new ArrayList<>();
        while (!peek(t, pos).equals("}")) {
            players.add(next(source, t, pos, "a player name or }").text());
        }
        pos[0]++;
        expect(source, t, pos, "{");
        List<List<String>> actions = new ArrayList<>();
        while (!peek(t, pos).equals("}")) {
            Token tok = next(source, t, pos, "a strategy count or list");
            if (tok.text().equals("{") && !tok.quoted()) {
                List<String> names = new ArrayList<>();
                while (!peek(t, pos).equals("}")) {
                    names.add(next(source, t, pos, "a strategy name or }").text());
                }
                pos[0]++;
                actions.add(names);
            } else {
                int n;
                try {
                    n = Integer.parseInt(tok.text());
                } catch (NumberFormatException e) {
                    throw error(source, tok, "expected a number of strategies, got '" + tok.text() + "'");
                }
                if (n < 1) {
                    throw error(source, tok, "a player needs at least one strategy, got " + n);
                }
                List<String> names = new ArrayList<>();
                for (int k = 1; k <= n; k++) {
                    names.add(Integer.toString(k));
                }
                actions.add(names);
            }
        }
        Token close = t.get(pos[0]++);
        if (actions.size() != players.size()) {
            throw error(source, close, players.size() + " players but " + actions.size() + " strategy counts");
        }
        if (pos[0] < t.size() && t.get(pos[0]).quoted()) {
            pos[0]++; // comment
        }
        int profiles = actions.stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
        int need = profiles * players.size();
        double[][] payoffs = new double[profiles][players.size()];
        for (int k = 0; k < need; k++) {
            Token tok = next(source, t, pos, need + " payoffs (" + profiles + " profiles x " + players.size() + " players)");
            try {
                payoffs[k / players.size()][k % players.size()] = parseNumber(tok.text());
            } catch (NumberFormatException e) {
                throw error(source, tok, "expected a payoff number, got '" + tok.text() + "'");
            }
        }
        if (pos[0] < t.size()) {
            throw error(source, t.get(pos[0]), "unexpected '" + t.get(pos[0]).text() + "' after the " + need + " payoffs");
        }
        return new NormalFormGame(title, players, actions, payoffs);
    }

    /** Writes the payoff version of the format. */
    public static String write(NormalFormGame g) {
        StringBuilder sb = new StringBuilder("NFG 1 R \"").append(g.title().replace("\"", "'")).append("\" {");
        for (String p : g.players()) {
            sb.append(" \"").append(p.replace("\"", "'")).append('"');
        }
        sb.append(" }\n{");
        for (int p = 0; p < g.playerCount(); p++) {
            sb.append(" {");
            for (String a : g.actionNames(p)) {
                sb.append(" \"").append(a.replace("\"", "'")).append('"');
            }
            sb.append(" }");
        }
        sb.append(" }\n\"\"\n\n");
        for (int i = 0; i < g.profileCount(); i++) {
            for (double v : g.payoffs(g.profile(i))) {
                sb.append(v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.17g", v)).append(' ');
            }
        }
        return sb.toString().strip() + "\n";
    }

    private static double parseNumber(String s) {
        int slash = s.indexOf('/');
        if (slash > 0) {
            return Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1));
        }
        return Double.parseDouble(s);
    }

    private static List<Token> tokens(String source, String text) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c) || c == ',') {
                i++;
            } else if (c == '"') {
                int start = i + 1;
                int startLine = line;
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                    sb.append(text.charAt(i++));
                }
                if (i >= text.length()) {
                    throw new IllegalArgumentException(source + ":" + startLine + ": unterminated string starting at column "
                            + start);
                }
                i++;
                out.add(new Token(sb.toString(), true, startLine));
            } else if (c == '{' || c == '}') {
                out.add(new Token(String.valueOf(c), false, line));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "{}\",".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(text.substring(start, i), false, line));
            }
        }
        return out;
    }

    private static String peek(List<Token> t, int[] pos) {
        return pos[0] < t.size() && !t.get(pos[0]).quoted() ? t.get(pos[0]).text() : "";
    }

    private static Token next(String source, List<Token> t, int[] pos, String what) {
        if (pos[0] >= t.size()) {
            int line = t.isEmpty() ? 1 : t.get(t.size() - 1).line();
            throw new IllegalArgumentException(source + ":" + line + ": the file ends where " + what + " was expected");
        }
        return t.get(pos[0]++);
    }

    private static void expect(String source, List<Token> t, int[] pos, String text) {
        Token tok = next(source, t, pos, "'" + text + "'");
        if (!tok.text().equals(text) || tok.quoted()) {
            throw error(source, tok, "expected '" + text + "', got '" + tok.text() + "'");
        }
    }

    private static IllegalArgumentException error(String source, Token tok, String message) {
        return new IllegalArgumentException(source + ":" + tok.line() + ": " + message);
    }
}
