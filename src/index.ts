// Functions entry (package.json "main"): importing each function file registers it with app.*.
import './functions/health';
import './functions/list-runs';
import './functions/list-versions';
import './functions/get-version';
import './functions/train-on-data-drop';
import './functions/validate-candidate';
import './functions/register-version';
import './functions/ingest-uploaded-model';
