// The hash-check query shapes on an H2 database seeded by run.sh (issue 14), timed over JDBC without the service,
// alternating in one process. Run with the service stopped and its jar on the class path (it holds H2):
//   java -cp bootstrap/target/direct-upload.jar bench/upload-flow/H2HashQueries.java JDBC_URL FAMILY_ID ROUNDS SHAPES
// SHAPES, comma-separated; a trailing "1" asks one hash instead of 1000 (half stored, half not, as UploadFlowBench):
//   in     SELECT * ... WHERE family_id = ? AND md5 IN (?, ...)          (findByHashes; the hash check until V4)
//   table  SELECT s.md5 FROM TABLE(h CHAR(32) = ?) t JOIN stored_objects s ... WHERE s.status = 'VERIFIED'
//          (findVerifiedMd5s on H2; needs V4's index (md5, family_id, status))
//   instatus  SELECT md5 ... WHERE family_id = ? AND md5 IN (?, ...) AND status = 'VERIFIED'  (H2 scans the family)
//   any    SELECT * ... WHERE family_id = ? AND md5 = ANY(?)              (H2 scans the family)
// The first round is a warm-up; medians of the others are printed. Stored object i has md5("bench-" + i).
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

public class H2HashQueries {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String family = args[1];
        int rounds = Integer.parseInt(args[2]);
        List<String> shapes = List.of(args[3].split(","));
        Random random = new Random(42);
        Map<String, List<Double>> times = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            for (int round = 0; round < rounds; round++) {
                for (String shape : shapes) {
                    boolean one = shape.endsWith("1");
                    List<String> hashes = askedHashes(random, one ? 1 : 1000);
                    long start = System.nanoTime();
                    int found = run(connection, one ? shape.substring(0, shape.length() - 1) : shape, family, hashes);
                    double ms = (System.nanoTime() - start) / 1e6;
                    System.out.printf("round %d %-10s %9.2f ms  %d rows%n", round, shape, ms, found);
                    if (round > 0) {
                        times.computeIfAbsent(shape, s -> new ArrayList<>()).add(ms);
                    }
                }
            }
        }
        times.forEach((shape, list) -> {
            Collections.sort(list);
            System.out.printf("%-10s median %9.2f ms  min %9.2f  max %9.2f  n=%d%n",
                    shape, list.get(list.size() / 2), list.get(0), list.get(list.size() - 1), list.size());
        });
    }

    private static List<String> askedHashes(Random random, int count) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(random.nextBoolean()
                    ? md5("bench-" + (1 + random.nextInt(1_000_000)))
                    : md5("missing-" + random.nextLong()));
        }
        return hashes;
    }

    private static int run(Connection connection, String shape, String family, List<String> hashes)
            throws Exception {
        String list = String.join(",", Collections.nCopies(hashes.size(), "?"));
        String sql = switch (shape) {
            case "in" -> "SELECT * FROM stored_objects WHERE family_id = ? AND md5 IN (" + list + ")";
            case "instatus" -> "SELECT md5 FROM stored_objects WHERE family_id = ? AND md5 IN (" + list
                    + ") AND status = 'VERIFIED'";
            case "any" -> "SELECT * FROM stored_objects WHERE family_id = ? AND md5 = ANY(?)";
            case "table" -> "SELECT s.md5 FROM TABLE(h CHAR(32) = ?) t JOIN stored_objects s"
                    + " ON s.md5 = t.h AND s.family_id = ? WHERE s.status = 'VERIFIED'";
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (shape.equals("table")) {
                statement.setArray(1, connection.createArrayOf("VARCHAR", hashes.toArray()));
                statement.setString(2, family);
            } else if (shape.equals("any")) {
                statement.setString(1, family);
                statement.setArray(2, connection.createArrayOf("VARCHAR", hashes.toArray()));
            } else {
                statement.setString(1, family);
                for (int i = 0; i < hashes.size(); i++) {
                    statement.setString(i + 2, hashes.get(i));
                }
            }
            int rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows++;
                }
            }
            return rows;
        }
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
