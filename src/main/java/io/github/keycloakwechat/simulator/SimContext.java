package io.github.keycloakwechat.simulator;

/** The simulator's state, shared by the handlers. Each part is thread-safe on its own. */
final class SimContext {

    final SimSettings settings = new SimSettings();
    final SimClock clock = new SimClock();
    final Identifiers ids;
    final AppRegistry apps = new AppRegistry();
    final PersonRegistry people;
    final CodeStore codes = new CodeStore(clock);
    final TokenStore tokens = new TokenStore(clock);
    final AppTokens appTokens = new AppTokens(clock);
    final ScriptedScans scans = new ScriptedScans();
    final PendingLogins pending = new PendingLogins(clock);
    final UserinfoGrants grants = new UserinfoGrants();
    final CallCounters counters = new CallCounters();
    final Faults faults = new Faults();
    final CallbackReplayer replayer = new CallbackReplayer();
    final CallbackIssuer issuer = new CallbackIssuer(settings, codes, replayer);
    final ClientCodes clientCodes = new ClientCodes(this);

    SimContext(String seed) {
        this.ids = new Identifiers(seed);
        this.people = new PersonRegistry(ids);
    }

    /** The unionid a response carries for this person and app, or null when the app is unbound. */
    String unionid(SimApp app, String personId) {
        String account = app.openPlatformAccount();
        return account == null ? null : ids.unionid(account, personId);
    }

    /** Forgets everything logins left behind (run state); keeps apps, people, seed and switches. */
    void reset() {
        clock.reset();
        codes.clear();
        tokens.clear();
        appTokens.clear();
        scans.clear();
        pending.clear();
        grants.clear();
        counters.clear();
        faults.clear();
        replayer.clear();
    }
}
