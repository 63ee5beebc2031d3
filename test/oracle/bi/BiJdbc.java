// BiJdbc.java: the reporting views through pgJDBC as Metabase, DBeaver and
// Tableau's JDBC connector read them (DatabaseMetaData.getTables/getColumns,
// REMARKS), then a query as text; prints TAP lines from the number given.
// Usage: java -cp /usr/share/java/postgresql.jar:. BiJdbc URL USER PASSWORD FIRST_TEST_NUMBER
import java.sql.*;
import java.util.*;

public class BiJdbc {
    static int n;
    static boolean failed;

    static void ok(boolean cond, String text) {
        System.out.println((cond ? "ok " : "not ok ") + n++ + " - jdbc: " + text);
        failed |= !cond;
    }

    public static void main(String[] a) throws Exception {
        n = Integer.parseInt(a[3]);
        try (Connection c = DriverManager.getConnection(a[0], a[1], a[2])) {
            DatabaseMetaData md = c.getMetaData();
            Map<String, String> views = new TreeMap<>();
            try (ResultSet r = md.getTables(null, "bosetting", "report_%", new String[] {"VIEW"})) {
                while (r.next())
                    views.put(r.getString("TABLE_NAME"), r.getString("REMARKS"));
            }
            ok(views.size() >= 6, "getTables lists " + views.size() + " report_* views: " + views.keySet());
            ok(views.values().stream().allMatch(s -> s != null && s.length() > 20),
               "every view's REMARKS carries its comment");
            int cols = 0, withRemarks = 0, plain = 0;
            String kommunenrType = null;
            try (ResultSet r = md.getColumns(null, "bosetting", "report_%", "%")) {
                while (r.next()) {
                    cols++;
                    String rem = r.getString("REMARKS");
                    if (rem != null && !rem.isEmpty()) withRemarks++;
                    int t = r.getInt("DATA_TYPE");
                    if (t != Types.OTHER && t != Types.DISTINCT && t != Types.STRUCT) plain++;
                    if (r.getString("TABLE_NAME").equals("report_settlement") && r.getString("COLUMN_NAME").equals("kommunenr"))
                        kommunenrType = r.getString("TYPE_NAME") + "/" + t;
                }
            }
            ok(cols > 50 && withRemarks == cols, "getColumns: " + withRemarks + " of " + cols + " columns have REMARKS");
            ok(plain == cols, "getColumns: " + plain + " of " + cols + " columns have a standard JDBC type (no OTHER/DISTINCT)");
            ok("text/12".equals(kommunenrType), "report_settlement.kommunenr is text, VARCHAR (" + kommunenrType + ")");
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT kommunenr, kommune, settled, settled_per_decided FROM bosetting.report_settlement "
                    + "WHERE year = ? AND kommunenr = ?")) {
                p.setInt(1, 2024);
                p.setString(2, "0301");
                try (ResultSet r = p.executeQuery()) {
                    boolean row = r.next();
                    ok(row && "0301".equals(r.getString(1)) && r.getLong(3) == 1539
                       && r.getBigDecimal(4) != null,
                       "a filtered query by text kommunenr returns Oslo 2024 with the leading zero"
                       + (row ? " (" + r.getString(1) + " " + r.getString(2) + ", settled " + r.getLong(3) + ")" : ""));
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM bosetting.report_settled_by_category WHERE published = ':'")) {
                r.next();
                ok(r.getLong(1) > 0, "suppressed cells read as ':' (" + r.getLong(1) + ")");
            }
        }
        System.exit(failed ? 1 : 0);
    }
}
