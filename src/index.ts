// Functions entry (package.json "main"): importing each function file registers it with app.*.
import './functions/health';
import './functions/list-runs';
import './functions/list-versions';
import './functions/get-version';
import './functions/train-on-data-drop';
import './functions/validate-candidate';
import './functions/register-version';
import './functions/ingest-uploaded-model';
import './functions/score-drop';
import './functions/list-models';
import './functions/get-model';
import './functions/get-artifact';
import './functions/set-production-alias';
import './functions/set-challenger-alias';
import './functions/retire-challenger';
import './functions/put-spec';
import './functions/post-feedback';
import './functions/openapi';
import './functions/predict';
import './functions/monitor-drift';
import './functions/check-model-drift';
import './functions/get-drift-history';
import './functions/post-retrain';
import './functions/assemble-retrain-set';
import './functions/dashboard';
import './functions/flush-telemetry'; // last: see the file
