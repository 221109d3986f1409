package graphbuild.testserver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * A throwaway Neo4j community server for graphbuild's tests, through Neo4j's public
 * embedded API: Bolt and HTTP on loopback ports, authentication on, user neo4j with the
 * password read from a file (never from the command line, which other users can see).
 * Neo4j Browser is served at http://127.0.0.1:HTTP_PORT/browser/ when the neo4j-browser
 * jar is on the classpath (the pom puts it there).
 *
 * <pre>java ... Neo4jTestServer HOME BOLT_PORT HTTP_PORT PASSWORD_FILE [OWNER_PID]</pre>
 *
 * <p>Data and logs go under HOME. Once Bolt listens and the password is set it writes
 * HOME/ready; it runs until SIGTERM (a shutdown hook stops the DBMS cleanly) or, when
 * OWNER_PID is given, until that process ends, so an interrupted test session leaves no
 * JVM behind.
 */
public final class Neo4jTestServer {
    private Neo4jTestServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5) {
            System.err.println(
                    "usage: Neo4jTestServer HOME BOLT_PORT HTTP_PORT PASSWORD_FILE [OWNER_PID]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int boltPort = Integer.parseInt(args[1]);
        int httpPort = Integer.parseInt(args[2]);
        String password = Files.readString(Path.of(args[3]), StandardCharsets.UTF_8).strip();
        long owner = args.length == 5 ? Long.parseLong(args[4]) : -1;

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home.resolve("neo4j"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(HttpConnector.enabled, true)
                .setConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
                .setConfig(HttpConnector.advertised_address, new SocketAddress("127.0.0.1", httpPort))
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L << 20)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-test-server-shutdown"));

        // The first start creates user neo4j with password "neo4j", to be changed on
        // first login; the embedded API runs with full rights and sets the real one.
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));

        Path ready = home.resolve("ready");
        Path partial = home.resolve("ready.part");
        Files.writeString(partial, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Neo4j " + org.neo4j.kernel.internal.Version.getNeo4jVersion()
                + " ready: bolt://127.0.0.1:" + boltPort + ", http://127.0.0.1:" + httpPort);

        while (!stopped.await(1, TimeUnit.SECONDS)) {
            if (owner > 0 && ProcessHandle.of(owner).map(p -> !p.isAlive()).orElse(true)) {
                System.out.println("Owner process " + owner + " ended: stopping.");
                System.exit(0); // runs the shutdown hook
            }
        }
    }
}
